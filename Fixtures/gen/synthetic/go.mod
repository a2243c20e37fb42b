module example.com/fixtures/synthetic

go 1.19
