#!/usr/bin/env python3
"""Runs the LSP client tests of this folder against a dcmc binary.

Usage: run.py DCMC. Exit status: pytest's (0 every test passed).
"""

import os
import sys

import pytest

os.environ["DCMC"] = sys.argv[1]
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", os.path.dirname(os.path.abspath(__file__))]))
