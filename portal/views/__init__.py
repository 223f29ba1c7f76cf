"""The portal's pages over scheduling (and the logs it links to plans), split by page."""
