# expect STW2030
struct S { 1: E e = E.A }
enum E { A }
