# expect STW2043
struct X {}
service S extends X {}
