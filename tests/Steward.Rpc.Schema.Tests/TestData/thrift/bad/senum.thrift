# expect STW2008
senum S { "a" }
