import GoRegex
import PprofModel
import Testing

@testable import PprofReports

/// Expected outputs were checked against `go tool pprof -addresses` on `textFixture()`.
@Suite struct TreeTests {
    @Test func treeShowsCallersAndCalleesPerNode() {
        let out = textFixture().report(durationNanos: 2_000_000_000) {
            $0.outputFormat = .tree
            $0.nodeCount = 80
        }.printTree()
        let expected = """
            File: prog
            Type: cpu
            Duration: 2s, Total samples = 1.05s (52.50%)
            Showing nodes accounting for 1.05s, 100% of 1.05s total
            ----------------------------------------------------------+-------------
                  flat  flat%   sum%        cum   cum%   calls calls% + context \t \t 
            ----------------------------------------------------------+-------------
                                                         0.30s   100% |   0000000000002100 main.work main.go:10 (inline)
                 0.30s 28.57% 28.57%      0.30s 28.57%                | 0000000000002100 main.fast main.go:10
            ----------------------------------------------------------+-------------
                                                         0.25s   100% |   0000000000001000 main.main main.go:10
                 0.25s 23.81% 52.38%      0.25s 23.81%                | 0000000000002000 main.work main.go:10
            ----------------------------------------------------------+-------------
                                                         0.20s   100% |   0000000000001000 main.main main.go:10
                 0.20s 19.05% 71.43%      0.20s 19.05%                | 0000000000004000 main.rec main.go:10
            ----------------------------------------------------------+-------------
                 0.14s 13.33% 84.76%      0.14s 13.33%                | 0000000000006000 runtime.gc main.go:10
            ----------------------------------------------------------+-------------
                                                         0.10s   100% |   0000000000001000 main.main main.go:10
                 0.10s  9.52% 94.29%      0.10s  9.52%                | 0000000000003000 main.fast main.go:10
            ----------------------------------------------------------+-------------
                                                         0.05s   100% |   0000000000001100 main.main main.go:10 (inline)
                 0.05s  4.76% 99.05%      0.05s  4.76%                | 0000000000001100 main.helper main.go:10
            ----------------------------------------------------------+-------------
                                                         0.01s   100% |   0000000000001000 main.main main.go:10
                 0.01s  0.95%   100%      0.01s  0.95%                | 0000000000005000 main.tiny main.go:10
            ----------------------------------------------------------+-------------
                     0     0%   100%      0.86s 81.90%                | 0000000000001000 main.main main.go:10
                                                         0.30s 34.88% |   0000000000002100 main.work main.go:10
                                                         0.25s 29.07% |   0000000000002000 main.work main.go:10
                                                         0.20s 23.26% |   0000000000004000 main.rec main.go:10
                                                         0.10s 11.63% |   0000000000003000 main.fast main.go:10
                                                         0.01s  1.16% |   0000000000005000 main.tiny main.go:10
            ----------------------------------------------------------+-------------
                     0     0%   100%      0.05s  4.76%                | 0000000000001100 main.main main.go:10
                                                         0.05s   100% |   0000000000001100 main.helper main.go:10 (inline)
            ----------------------------------------------------------+-------------
                                                         0.30s   100% |   0000000000001000 main.main main.go:10
                     0     0%   100%      0.30s 28.57%                | 0000000000002100 main.work main.go:10
                                                         0.30s   100% |   0000000000002100 main.fast main.go:10 (inline)
            ----------------------------------------------------------+-------------

            """
        #expect(out == expected)
    }

    @Test func treeNodeCountKeepsOnlyEdgesBetweenKeptNodes() {
        let out = textFixture().report(durationNanos: 2_000_000_000) {
            $0.outputFormat = .tree
            $0.nodeCount = 4
        }.printTree()
        let expected = """
            File: prog
            Type: cpu
            Duration: 2s, Total samples = 1050ms (52.50%)
            Showing nodes accounting for 890ms, 84.76% of 1050ms total
            Showing top 4 nodes out of 10
            ----------------------------------------------------------+-------------
                  flat  flat%   sum%        cum   cum%   calls calls% + context \t \t 
            ----------------------------------------------------------+-------------
                 300ms 28.57% 28.57%      300ms 28.57%                | 0000000000002100 main.fast main.go:10
            ----------------------------------------------------------+-------------
                 250ms 23.81% 52.38%      250ms 23.81%                | 0000000000002000 main.work main.go:10
            ----------------------------------------------------------+-------------
                 200ms 19.05% 71.43%      200ms 19.05%                | 0000000000004000 main.rec main.go:10
            ----------------------------------------------------------+-------------
                 140ms 13.33% 84.76%      140ms 13.33%                | 0000000000006000 runtime.gc main.go:10
            ----------------------------------------------------------+-------------

            """
        #expect(out == expected)
    }

    @Test func peekShowsOnlyMatchingNodes() throws {
        let rx = try GoRegex("fast|rec")
        let r = textFixture().report(durationNanos: 2_000_000_000) {
            $0.outputFormat = .tree
            $0.nodeFraction = 0
            $0.edgeFraction = 0
            $0.symbol = rx
        }
        let expected = """
            File: prog
            Type: cpu
            Duration: 2s, Total samples = 1.05s (52.50%)
            Showing nodes accounting for 1.05s, 100% of 1.05s total
            ----------------------------------------------------------+-------------
                  flat  flat%   sum%        cum   cum%   calls calls% + context \t \t 
            ----------------------------------------------------------+-------------
                                                         0.30s   100% |   0000000000002100 main.work main.go:10 (inline)
                 0.30s 28.57% 28.57%      0.30s 28.57%                | 0000000000002100 main.fast main.go:10
            ----------------------------------------------------------+-------------
                                                         0.20s   100% |   0000000000001000 main.main main.go:10
                 0.20s 19.05% 47.62%      0.20s 19.05%                | 0000000000004000 main.rec main.go:10
            ----------------------------------------------------------+-------------
                                                         0.10s   100% |   0000000000001000 main.main main.go:10
                 0.10s  9.52% 57.14%      0.10s  9.52%                | 0000000000003000 main.fast main.go:10
            ----------------------------------------------------------+-------------

            """
        #expect(r.printTree() == expected)
        #expect(try r.checkedPrintTree() == expected)
    }

    @Test func peekWithoutMatchesIsAnError() throws {
        let rx = try GoRegex("nothing")
        let r = textFixture().report { $0.outputFormat = .tree; $0.symbol = rx }
        #expect(throws: PprofError("no matches found for regexp: nothing")) { try r.checkedPrintTree() }
        #expect(!r.printTree().contains("| main"))
    }
}
