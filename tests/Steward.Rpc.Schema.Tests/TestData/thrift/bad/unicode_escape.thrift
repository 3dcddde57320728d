# expect STW2003
const string s = "a\u00e9"
