module example.com/fixtures/cpu

go 1.19
