"""Model answers, one folder per track: solutions/<track>/ has the same files and symbols as exercises/<track>/."""
