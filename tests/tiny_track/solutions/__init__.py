"""Model answers of the tiny track."""
