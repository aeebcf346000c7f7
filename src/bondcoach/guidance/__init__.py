"""The coach's words that ship as data: tips (and their YAML), support lines, resources."""
