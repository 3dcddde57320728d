// The tests build namespaces, run a UPF and capture traffic: run them one at a time, so they do not compete for the
// two cores with each other and a capture sees only its own test's packets.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
