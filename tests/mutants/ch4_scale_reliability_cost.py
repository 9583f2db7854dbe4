"""Plausible wrong answers for the ch4_scale_reliability_cost exercise (see tests/mutations.py)."""

from mutations import Mutant

MUTANTS: list[Mutant] = []
