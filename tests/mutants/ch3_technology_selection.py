"""Plausible wrong answers for the ch3_technology_selection exercise (see tests/mutations.py)."""

from mutations import Mutant

MUTANTS: list[Mutant] = []
