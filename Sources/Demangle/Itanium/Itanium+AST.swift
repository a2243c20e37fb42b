/// The Itanium C++ demangler's syntax tree, after the one in github.com/ianlancetaylor/demangle
/// (what pprof's symbolizer uses). One node class with a kind tag instead of sixty types:
/// the parser shares and mutates nodes (substitutions, forward-referenced template
/// parameters of cast operators), so nodes are reference types compared by identity.
final class ItaniumNode {
    enum Kind: UInt8 {
        case name, typed, qualified, template, templateParam, lambdaAuto, qualifiers, qualifier
        case typeWithQualifiers, methodWithQualifiers, builtinType, pointerType, referenceType
        case rvalueReferenceType, complexType, imaginaryType, vendorQualifier, arrayType
        case functionType, functionParam, ptrMem, fixedType, binaryFP, vectorType, elaboratedType
        case decltype, `operator`, constructor, destructor, globalCDtor, taggedName, packExpansion
        case argumentPack, sizeofPack, sizeofArgs, templateParamName, typeTemplateParam
        case nonTypeTemplateParam, templateTemplateParam, templateParamPack, cast, nullary, unary
        case binary, trinary, fold, subobject, ptrMemCast, new, literal, stringLiteral, lambdaExpr
        case exprList, initializerList, defaultArg, closure, structuredBindings, unnamedType, clone
        case special, special2, enableIf
    }

    let kind: Kind
    /// Children at fixed positions per kind, then any list (see the factory functions).
    /// A nil child is an absent optional part (no return type, no placement...).
    var kids: [ItaniumNode?]
    /// Name, operator, qualifier, literal value, prefix, clone suffix, ref-qualifier...
    var text: String
    /// Special2's middle text.
    var text2: String = ""
    /// Index, discriminator, bit count, offset, or closure template-argument count.
    var num: Int = 0
    /// A closure's count of explicit template parameters (its first kids).
    var num2: Int = 0
    /// Local name, ctor (vs dtor), accum, postfix, negative, left fold, for-local-name, past-end.
    var flag: Bool = false
    /// Saturating fixed type, sizeof of a type.
    var flag2: Bool = false
    /// A template parameter's template, a pack expansion's argument pack: pointers elsewhere in
    /// the tree (never traversed or copied). Weak so cycles do not leak; the parser's arena
    /// keeps every node alive while a name is demangled.
    weak var ref: ItaniumNode?
    /// Subobject union selectors.
    var ints: [Int] = []

    init(_ kind: Kind, _ kids: [ItaniumNode?] = [], text: String = "") {
        self.kind = kind
        self.kids = kids
        self.text = text
    }

    /// Frees the subtree with a work list: the default release of a 50,000-deep chain of
    /// qualified names recurses once per level and overflows any thread's stack.
    deinit {
        guard !kids.isEmpty else { return }
        var work = kids.compactMap { $0 }
        kids = []
        while var n = work.popLast() {
            if isKnownUniquelyReferenced(&n) {
                for k in n.kids { if let k { work.append(k) } }
                n.kids = []
            }
        }
    }

    func kid(_ i: Int) -> ItaniumNode? { i < kids.count ? kids[i] : nil }

    /// A shallow copy with new children (Copy's "something below changed" case).
    func with(kids newKids: [ItaniumNode?]) -> ItaniumNode {
        let n = ItaniumNode(kind, newKids, text: text)
        n.text2 = text2
        n.num = num
        n.num2 = num2
        n.flag = flag
        n.flag2 = flag2
        n.ref = ref
        n.ints = ints
        return n
    }

    /// Kids visited by Traverse: qualifiers of a type or method are skipped, as upstream does.
    var traversedKids: ArraySlice<ItaniumNode?> {
        switch kind {
        case .typeWithQualifiers, .methodWithQualifiers: return kids.prefix(1)
        case .templateParam, .sizeofPack: return []
        default: return kids[...]
        }
    }

    /// Pre-order walk; `fn` returning false skips the node's children.
    func traverse(_ fn: (ItaniumNode) -> Bool) {
        if fn(self) {
            for k in traversedKids { k?.traverse(fn) }
        }
    }

    /// Upstream's Copy: returns nil when nothing changed. `skip` prunes, `fn` may replace a node.
    func copy(_ fn: (ItaniumNode) throws -> ItaniumNode?, _ skip: (ItaniumNode) -> Bool) rethrows -> ItaniumNode? {
        if skip(self) { return nil }
        switch kind {
        case .templateParam:
            return try fn(self)
        case .sizeofPack:
            let n = with(kids: kids)
            return try fn(n) ?? n
        default:
            break
        }
        var changed = false
        var newKids = kids
        for (i, k) in kids.enumerated() {
            if let k, let c = try k.copy(fn, skip) {
                newKids[i] = c
                changed = true
            }
        }
        if !changed { return try fn(self) }
        let n = with(kids: newKids)
        return try fn(n) ?? n
    }
}

// MARK: - Node construction helpers

extension ItaniumNode {
    static func name(_ s: String) -> ItaniumNode { ItaniumNode(.name, text: s) }
    static func builtin(_ s: String) -> ItaniumNode { ItaniumNode(.builtinType, text: s) }
    static func qualified(_ scope: ItaniumNode, _ name: ItaniumNode, local: Bool) -> ItaniumNode {
        let n = ItaniumNode(.qualified, [scope, name])
        n.flag = local
        return n
    }
    static func template(_ name: ItaniumNode, _ args: [ItaniumNode]) -> ItaniumNode { ItaniumNode(.template, [name] + args) }
    /// Template arguments (everything after the name).
    var templateArgs: [ItaniumNode] { kids.dropFirst().compactMap { $0 } }
    static func typeWithQualifiers(_ base: ItaniumNode, _ q: ItaniumNode) -> ItaniumNode { ItaniumNode(.typeWithQualifiers, [base, q]) }
    static func methodWithQualifiers(_ m: ItaniumNode, _ q: ItaniumNode?, _ ref: String) -> ItaniumNode {
        ItaniumNode(.methodWithQualifiers, [m, q], text: ref)
    }
    static func functionType(_ ret: ItaniumNode?, _ args: [ItaniumNode]) -> ItaniumNode { ItaniumNode(.functionType, [ret] + args) }
    /// Function type arguments (after the return slot).
    var functionArgs: [ItaniumNode] { kids.dropFirst().compactMap { $0 } }
    static func templateParam(_ index: Int, _ template: ItaniumNode?) -> ItaniumNode {
        let n = ItaniumNode(.templateParam)
        n.num = index
        n.ref = template
        return n
    }
    static func lambdaAuto(_ index: Int) -> ItaniumNode {
        let n = ItaniumNode(.lambdaAuto)
        n.num = index
        return n
    }
    static func special(_ prefix: String, _ val: ItaniumNode) -> ItaniumNode { ItaniumNode(.special, [val], text: prefix) }
    static func unary(_ op: ItaniumNode, _ expr: ItaniumNode, suffix: Bool = false, sizeofType: Bool = false) -> ItaniumNode {
        let n = ItaniumNode(.unary, [op, expr])
        n.flag = suffix
        n.flag2 = sizeofType
        return n
    }
    static func exprList(_ exprs: [ItaniumNode]) -> ItaniumNode { ItaniumNode(.exprList, exprs) }
}

/// Nodes already visited by a walk, by identity. Upstream scans a list (quadratic on a name
/// nested 50,000 deep); the set makes each check O(1), and `keep` holds every member alive so
/// an identifier cannot be reused by a node allocated during the walk.
struct ItaniumNodeSet {
    private var ids: Set<ObjectIdentifier> = []
    private var keep: [ItaniumNode] = []

    /// Adds `n`; false when it was already there.
    mutating func insert(_ n: ItaniumNode) -> Bool {
        guard ids.insert(ObjectIdentifier(n)).inserted else { return false }
        keep.append(n)
        return true
    }
}
