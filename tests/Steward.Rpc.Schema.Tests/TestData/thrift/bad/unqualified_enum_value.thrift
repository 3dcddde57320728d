# expect STW2050
enum E { A }
const E x = A
