# expect STW2003
const string s = "a\qb"
