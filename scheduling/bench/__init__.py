"""Benchmark support: a synthetic population written with bulk inserts, and the read floor."""
