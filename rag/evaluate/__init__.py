"""Regression-scored evaluation: question sets, scoring, the run, the report, the baseline gate."""
