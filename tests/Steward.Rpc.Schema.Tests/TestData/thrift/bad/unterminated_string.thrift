# expect STW2002
const string s = "abc
const i32 x = 1
