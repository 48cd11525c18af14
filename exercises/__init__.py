"""The stubs, one folder per track: `grade init --track TRACK` copies exercises/<track>/ into a workspace."""
