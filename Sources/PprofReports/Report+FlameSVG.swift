import Foundation
import PprofModel

/// Geometry of the flame graph, in SVG user units (pixels at 100%).
private enum FlameLayout {
    static let width = 1200.0
    static let pad = 10.0
    static let frameHeight = 16.0
    static let top = 50.0
    static let bottom = 34.0
    static let fontSize = 12.0
    /// Frames narrower than a pixel (and everything above them) are left out, as
    /// flamegraph.pl's `--minwidth` does: at most `width / minWidth` frames per level.
    static let minWidth = 1.0
    /// The most frames drawn: past it the deepest levels are left out (a million-deep stack
    /// would otherwise write a million frames), so the SVG stays bounded whatever the input.
    static let maxFrames = 32_768
}

extension Report {
    /// A standalone SVG flame graph of the current view (`flame_svg`): the root at the
    /// bottom, each frame as wide as its cumulative value, children sorted by name. Hover
    /// shows name, value and share; click zooms into a frame, `Search` highlights frames
    /// matching a regular expression (with the matched share), `Reset Zoom` restores.
    /// No external files or scripts. Frames are named as the current granularity prints
    /// them; samples with negative values (diff profiles) are left out, since a width
    /// cannot be negative. Every name is XML-escaped (see `xmlEscape`).
    package func printFlameSVG() -> String {
        if options.differential { return printDiffFlameSVG() }
        let t = stackTrie(positiveOnly: true)
        let cum = t.cumulative()
        return flameSVG(t, widths: cum, caption: "") { node, name, total in
            let value = cum[node]
            let share = total > 0 ? Double(value) / Double(total) * 100 : 0
            return ("\(name) (\(formatValue(value)), \(GoFormat.fixed(share, precision: 2))%)", flameColor(name))
        }
    }

    /// The differential flame graph (`-flame_svg` with `-base`), from the sources and bases
    /// combined as `-diff_base` combines them (base samples negative): each frame as wide as
    /// the larger of its new and base values summed stack by stack (so a change that nets
    /// out higher up keeps its width, and removed stacks are drawn), red where it grew and
    /// blue where it shrank, darker with the size of the change; hover shows both sides.
    func printDiffFlameSVG() -> String {
        let t = stackTrie(positiveOnly: false, sides: true)
        var grow = t.selfValue, shrink = t.selfBase
        var larger = zip(t.selfValue, t.selfBase).map { max($0, $1) }
        for i in stride(from: t.count - 1, through: 1, by: -1) {
            let p = Int(t.parent[i])
            grow[p] = grow[p] &+ grow[i]
            shrink[p] = shrink[p] &+ shrink[i]
            larger[p] = larger[p] &+ larger[i]
        }
        var scale: UInt64 = 0
        for i in 1..<t.count { scale = max(scale, (grow[i] &- shrink[i]).magnitude) }
        let caption = " — differential: width = larger of new and base, red grew, blue shrank"
        return flameSVG(t, widths: larger, caption: caption) { node, name, _ in
            let change = grow[node] &- shrink[node]
            let sign = change > 0 ? "+" : ""
            let label = "\(name) (new \(formatValue(grow[node])), base \(formatValue(shrink[node])), change \(sign)\(formatValue(change)))"
            return (label, diffFlameColor(change, scale: scale))
        }
    }

    /// The SVG of trie `t` with each node `widths[node]` wide (>= 0); `describe` gives a
    /// node's hover text and fill from (node, name, total).
    private func flameSVG(
        _ t: StackTrie, widths cum: [Int64], caption: String, describe: (Int, String, Int64) -> (label: String, fill: String)
    ) -> String {
        let children = t.children()
        let total = cum[0]
        let scale = total > 0 ? (FlameLayout.width - 2 * FlameLayout.pad) / Double(total) : 0

        // The frames wide enough to draw per level, then the deepest level within the budget.
        var perLevel: [Int] = []
        var pendingLevels: [(node: Int, depth: Int)] = [(0, 0)]
        while let (n, depth) = pendingLevels.popLast() {
            if Double(cum[n]) * scale < FlameLayout.minWidth { continue }
            if depth == perLevel.count { perLevel.append(0) }
            perLevel[depth] += 1
            for k in children[n] { pendingLevels.append((k, depth + 1)) }
        }
        var depthLimit = -1
        var budget = FlameLayout.maxFrames
        for count in perLevel {
            if count > budget { break }
            budget -= count
            depthLimit += 1
        }
        let culled = perLevel.dropFirst(depthLimit + 1).reduce(0, +)

        // Lay frames out depth-first: x offset, depth, kept only when wide enough.
        var frames: [(node: Int, x: Double, w: Double, depth: Int)] = []
        var maxDepth = 0
        var stack: [(node: Int, x: Double, depth: Int)] = [(0, FlameLayout.pad, 0)]
        while let (n, x, depth) = stack.popLast() {
            let w = Double(cum[n]) * scale
            if w < FlameLayout.minWidth || depth > depthLimit { continue }
            frames.append((n, x, w, depth))
            maxDepth = max(maxDepth, depth)
            let kids = children[n].sorted { a, b in
                let na = t.names[Int(t.frame[a])]
                let nb = t.names[Int(t.frame[b])]
                return goEqual(na, nb) ? a < b : goLess(na, nb)
            }
            var cx = x
            var pending: [(node: Int, x: Double, depth: Int)] = []
            for k in kids {
                pending.append((k, cx, depth + 1))
                cx += Double(cum[k]) * scale
            }
            stack += pending.reversed()
        }

        let height = FlameLayout.top + Double(maxDepth + 1) * FlameLayout.frameHeight + FlameLayout.bottom
        let title = "Flame graph" + (options.title.isEmpty ? "" : ": " + options.title)
            + (options.sampleType.isEmpty ? "" : " (" + options.sampleType + ")")
            + caption + (culled > 0 ? " [\(culled) frames deeper than \(depthLimit) levels not drawn]" : "")
        var out = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(fmt(FlameLayout.width))" \
            height="\(fmt(height))" viewBox="0 0 \(fmt(FlameLayout.width)) \(fmt(height))" \
            data-total="\(total)" data-pad="\(fmt(FlameLayout.pad))" data-font="\(fmt(FlameLayout.fontSize))">
            <style type="text/css">
            text { font-family: Verdana, sans-serif; font-size: \(fmt(FlameLayout.fontSize))px; fill: #000; }
            #title { font-size: 17px; text-anchor: middle; }
            .button { cursor: pointer; fill: #205080; }
            .button:hover { text-decoration: underline; }
            .hidden { display: none; }
            .f { cursor: pointer; }
            .f:hover rect { stroke: #000; stroke-width: 0.5; }
            .f text { pointer-events: none; }
            .parent { opacity: 0.5; }
            </style>
            <script type="text/ecmascript"><![CDATA[\(flameScript)]]></script>
            <rect x="0" y="0" width="100%" height="100%" fill="#f8f4ee"/>
            <text id="title" x="\(fmt(FlameLayout.width / 2))" y="24">\(xmlEscape(title))</text>
            <text id="reset" class="button hidden" x="\(fmt(FlameLayout.pad))" y="24">Reset Zoom</text>
            <text id="search" class="button" x="\(fmt(FlameLayout.width - FlameLayout.pad))" y="24" \
            style="text-anchor: end">Search</text>
            <text id="details" x="\(fmt(FlameLayout.pad))" y="\(fmt(height - 12))"> </text>
            <text id="matched" x="\(fmt(FlameLayout.width - FlameLayout.pad))" y="\(fmt(height - 12))" \
            style="text-anchor: end"> </text>
            <g id="frames">

            """
        for f in frames {
            let name = f.node == 0 ? "all" : t.names[Int(t.frame[f.node])]
            let y = height - FlameLayout.bottom - Double(f.depth + 1) * FlameLayout.frameHeight
            let (label, fill) = describe(f.node, name, total)
            let escaped = xmlEscape(name)
            out += "<g class=\"f\" data-name=\"\(escaped)\" data-depth=\"\(f.depth)\">"
            out += "<title>\(xmlEscape(label))</title>"
            out += "<rect x=\"\(fmt(f.x))\" y=\"\(fmt(y))\" width=\"\(fmt(f.w))\" height=\"\(fmt(FlameLayout.frameHeight - 1))\""
            out += " rx=\"2\" ry=\"2\" fill=\"\(fill)\"/>"
            out += "<text x=\"\(fmt(f.x + 3))\" y=\"\(fmt(y + FlameLayout.frameHeight - 4.5))\">"
            out += xmlEscape(fitName(name, width: f.w)) + "</text></g>\n"
        }
        out += "</g>\n</svg>\n"
        return out
    }

}

/// Two decimals at most, no trailing zeros: compact, stable coordinates. Integer arithmetic
/// unless the value is near a rounding half, where `%.2f` (on the exact decimal) decides: the
/// same text, without a `String(format:)` per coordinate (most of the time on a big graph).
private func fmt(_ v: Double) -> String {
    let scaled = v * 100
    if scaled.magnitude < 1e12 {
        let r = scaled.rounded(.toNearestOrEven)
        if (scaled - r).magnitude < 0.499 {
            let n = Int64(r)
            let whole = n.magnitude / 100
            let cents = n.magnitude % 100
            var s = n < 0 ? "-\(whole)" : "\(whole)"
            if cents != 0 { s += cents % 10 == 0 ? ".\(cents / 10)" : ".\(cents / 10)\(cents % 10)" }
            return s
        }
    }
    var s = GoFormat.fixed(v, precision: 2)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s == "-0" ? "0" : s
}

/// The label that fits a frame of width `w` (the script redoes this after zooming).
func fitName(_ name: String, width w: Double) -> String {
    let fit = Int((w - 6) / (FlameLayout.fontSize * 0.59))
    if fit < 3 { return "" }
    let scalars = Array(name.unicodeScalars)
    if scalars.count <= fit { return name }
    var s = String.UnicodeScalarView()
    s.append(contentsOf: scalars[0..<(fit - 2)])
    return String(s) + ".."
}

/// flamegraph.pl's warm palette, picked by a hash of the name so a function keeps its
/// colour across graphs (FNV-1a over the UTF-8 bytes).
func flameColor(_ name: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in name.utf8 {
        h ^= UInt64(b)
        h = h &* 0x100_0000_01b3
    }
    let v1 = Double(h & 0xFF) / 255
    let v2 = Double((h >> 8) & 0xFF) / 255
    let v3 = Double((h >> 16) & 0xFF) / 255
    let r = 205 + Int(50 * v3)
    let g = Int(230 * v1)
    let b = Int(55 * v2)
    return "rgb(\(r),\(g),\(b))"
}

/// A differential frame's fill: red for growth, blue for shrinkage, from pale to full with
/// the change's size against the largest change (`scale`); grey when unchanged.
func diffFlameColor(_ change: Int64, scale: UInt64) -> String {
    guard change != 0, scale > 0 else { return "rgb(210,210,210)" }
    let k = 0.25 + 0.75 * min(1, Double(change.magnitude) / Double(scale))
    let pale = Int(230 * (1 - k))
    return change > 0 ? "rgb(255,\(pale),\(pale))" : "rgb(\(pale),\(pale),255)"
}

/// Zoom, search and reset for the flame graph (pprof-tui's own; no `]]>` inside).
let flameScript = """

(function () {
  "use strict";
  var svg = document.documentElement;
  var frames = [];
  var pad = 10, font = 12, width = 1200, total = 0;
  var details, matched, reset, searchButton;
  var searching = false;

  function fit(name, w) {
    var n = Math.floor((w - 6) / (font * 0.59));
    if (n < 3) { return ""; }
    var chars = Array.from(name);
    if (chars.length <= n) { return name; }
    return chars.slice(0, n - 2).join("") + "..";
  }
  function place(f, x, w) {
    f.rect.setAttribute("x", x.toFixed(2));
    f.rect.setAttribute("width", w.toFixed(2));
    f.text.setAttribute("x", (x + 3).toFixed(2));
    f.text.textContent = fit(f.name, w);
  }
  function zoom(target) {
    var span = width - 2 * pad;
    var k = span / target.w;
    frames.forEach(function (f) {
      f.g.classList.remove("hidden");
      f.g.classList.remove("parent");
      var inside = f.x >= target.x - 0.0001 && f.x + f.w <= target.x + target.w + 0.0001;
      var around = f.x <= target.x + 0.0001 && f.x + f.w >= target.x + target.w - 0.0001;
      if (f.depth >= target.depth && inside) {
        place(f, pad + (f.x - target.x) * k, f.w * k);
      } else if (f.depth < target.depth && around) {
        f.g.classList.add("parent");
        place(f, pad, span);
      } else {
        f.g.classList.add("hidden");
      }
    });
    reset.classList.remove("hidden");
  }
  function unzoom() {
    frames.forEach(function (f) {
      f.g.classList.remove("hidden");
      f.g.classList.remove("parent");
      place(f, f.x, f.w);
    });
    reset.classList.add("hidden");
  }
  function clearSearch() {
    frames.forEach(function (f) { f.rect.setAttribute("fill", f.fill); });
    matched.textContent = " ";
    searchButton.textContent = "Search";
    searching = false;
  }
  function search() {
    if (searching) { clearSearch(); return; }
    var term = window.prompt("Search for (regular expression):", "");
    if (term === null || term === "") { return; }
    var re;
    try { re = new RegExp(term); } catch (e) { window.alert("Bad regular expression: " + e.message); return; }
    var spans = [];
    frames.forEach(function (f) {
      if (f.depth > 0 && re.test(f.name)) {
        f.rect.setAttribute("fill", "rgb(230,0,230)");
        spans.push([f.x, f.x + f.w]);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var covered = 0, end = -1;
    spans.forEach(function (s) {
      if (s[0] >= end) { covered += s[1] - s[0]; end = s[1]; }
      else if (s[1] > end) { covered += s[1] - end; end = s[1]; }
    });
    var share = covered / (width - 2 * pad) * 100;
    matched.textContent = "Matched: " + share.toFixed(2) + "%";
    searchButton.textContent = "Clear search";
    searching = true;
  }
  function init() {
    pad = parseFloat(svg.getAttribute("data-pad")) || pad;
    font = parseFloat(svg.getAttribute("data-font")) || font;
    width = parseFloat(svg.getAttribute("width")) || width;
    total = parseFloat(svg.getAttribute("data-total")) || 0;
    details = document.getElementById("details");
    matched = document.getElementById("matched");
    reset = document.getElementById("reset");
    searchButton = document.getElementById("search");
    var groups = document.getElementById("frames").getElementsByTagName("g");
    for (var i = 0; i < groups.length; i++) {
      var g = groups[i];
      var rect = g.getElementsByTagName("rect")[0];
      var f = {
        g: g, rect: rect, text: g.getElementsByTagName("text")[0],
        title: g.getElementsByTagName("title")[0].textContent,
        name: g.getAttribute("data-name"), depth: parseInt(g.getAttribute("data-depth"), 10),
        x: parseFloat(rect.getAttribute("x")), w: parseFloat(rect.getAttribute("width")),
        fill: rect.getAttribute("fill")
      };
      frames.push(f);
      (function (f) {
        g.addEventListener("click", function () { zoom(f); }, false);
        g.addEventListener("mouseover", function () { details.textContent = f.title; }, false);
        g.addEventListener("mouseout", function () { details.textContent = " "; }, false);
      })(f);
    }
    reset.addEventListener("click", unzoom, false);
    searchButton.addEventListener("click", search, false);
    document.addEventListener("keydown", function (e) {
      if ((e.ctrlKey || e.metaKey) && e.key === "f") { e.preventDefault(); search(); }
      if (e.key === "Escape") { unzoom(); if (searching) { clearSearch(); } }
    }, false);
  }
  if (document.readyState === "complete") { init(); } else { window.addEventListener("load", init, false); }
})();

"""
