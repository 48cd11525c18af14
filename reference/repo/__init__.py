"""The reference for the repo track, where its API differs from the lecture's: reprs, ReLU neurons, the demo."""
