# expect STW2037
const string s = 1
