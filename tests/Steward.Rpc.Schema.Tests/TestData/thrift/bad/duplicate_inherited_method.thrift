# expect STW2036
service A { void f() }
service B extends A { void g() }
service C extends B { void f() }
