module example.com/fixtures/contention

go 1.19
