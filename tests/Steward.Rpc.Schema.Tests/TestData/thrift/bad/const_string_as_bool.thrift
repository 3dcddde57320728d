# expect STW2037
const bool b = "a"
