namespace netstd Tally.Units

enum Unit { ITEMS = 1, BYTES = 2 }
