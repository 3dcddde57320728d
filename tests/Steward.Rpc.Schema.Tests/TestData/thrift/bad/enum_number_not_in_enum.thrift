# expect STW2039
enum E { A }
const E x = 3
