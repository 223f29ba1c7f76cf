"""Files in every format the parsers read, written as the watches and apps write them: the
fixtures, the property tests and the benchmark use them, and Strong's layout is the export
other lifting tools can read."""
