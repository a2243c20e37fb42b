/// pprof's `massageSVG` (internal/driver/svg.go) for Graphviz's SVG: the fixed size and
/// viewBox give way to a full-window canvas, and the graph is wrapped in a `viewport`
/// group driven by a small pan/zoom script (wheel zooms around the pointer, drag pans,
/// double-click resets). The script is pprof-tui's own, not svgpan.
///
/// Also repairs what would make the file unparsable: Graphviz's unescaped `&;`, which
/// pprof fixes too, and control characters copied from labels, which XML cannot hold.
package func massageSVG(_ svg: String) -> String {
    var s = svg.replacingAll("&;", with: "&amp;;")
    s = xmlStripInvalid(s)
    if let r = svgSizeRange(s) {
        s.replaceSubrange(r, with: "<svg width=\"100%\" height=\"100%\"")
    }
    if let r = graphGroupStart(s) {
        s.insert(
            contentsOf: "<script type=\"text/ecmascript\"><![CDATA[" + panZoomScript + "]]></script>"
                + "<g id=\"viewport\" transform=\"scale(0.5,0.5) translate(0,0)\">",
            at: r)
    }
    if let r = s.range(of: "</svg>") {
        s.insert(contentsOf: "</g>", at: r.lowerBound)
    }
    return s
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }
}

/// `<svg\s*width="[^"]+"\s*height="[^"]+"\s*viewBox="[^"]+"`: the range of the first match.
private func svgSizeRange(_ s: String) -> Range<String.Index>? {
    var from = s.startIndex
    while let open = s.range(of: "<svg", range: from..<s.endIndex) {
        var i = open.upperBound
        func spaces() { while i < s.endIndex, s[i] == " " || s[i] == "\n" || s[i] == "\t" || s[i] == "\r" || s[i] == "\r\n" { i = s.index(after: i) } }
        func attr(_ name: String) -> Bool {
            let prefix = name + "=\""
            guard s[i...].hasPrefix(prefix) else { return false }
            var j = s.index(i, offsetBy: prefix.count)
            let valueStart = j
            while j < s.endIndex && s[j] != "\"" { j = s.index(after: j) }
            guard j < s.endIndex, j > valueStart else { return false }
            i = s.index(after: j)
            return true
        }
        spaces()
        if attr("width") {
            spaces()
            if attr("height") {
                spaces()
                if attr("viewBox") { return open.lowerBound..<i }
            }
        }
        from = open.upperBound
    }
    return nil
}

/// Where `<g id="graph\d"` starts (Graphviz names its top group graph0).
private func graphGroupStart(_ s: String) -> String.Index? {
    var from = s.startIndex
    while let r = s.range(of: "<g id=\"graph", range: from..<s.endIndex) {
        let after = r.upperBound
        if after < s.endIndex, let d = s[after].asciiValue, d >= 0x30 && d <= 0x39 {
            let next = s.index(after: after)
            if next < s.endIndex && s[next] == "\"" { return r.lowerBound }
        }
        from = r.upperBound
    }
    return nil
}

/// Pan and zoom for the `viewport` group. Written for pprof-tui; keeps no global state
/// beyond one closure and contains no `]]>` (it sits in a CDATA section).
let panZoomScript = """

(function () {
  "use strict";
  var svg = document.documentElement;
  var viewport = null;
  var initial = null;
  var drag = null;
  var step = 1.2;

  function matrixString(m) {
    return "matrix(" + [m.a, m.b, m.c, m.d, m.e, m.f].join(",") + ")";
  }
  function clientPoint(evt) {
    var p = svg.createSVGPoint();
    p.x = evt.clientX;
    p.y = evt.clientY;
    return p;
  }
  function onWheel(evt) {
    evt.preventDefault();
    var dy = evt.deltaY || 0;
    if (dy === 0) { return; }
    var z = dy < 0 ? step : 1 / step;
    var local = clientPoint(evt).matrixTransform(viewport.getScreenCTM().inverse());
    var k = svg.createSVGMatrix().translate(local.x, local.y).scale(z).translate(-local.x, -local.y);
    viewport.setAttribute("transform", matrixString(viewport.getCTM().multiply(k)));
  }
  function onDown(evt) {
    if (evt.button !== 0) { return; }
    drag = { x: evt.clientX, y: evt.clientY, m: viewport.getCTM() };
    svg.style.cursor = "move";
  }
  function onMove(evt) {
    if (drag === null) { return; }
    evt.preventDefault();
    var t = svg.createSVGMatrix().translate(evt.clientX - drag.x, evt.clientY - drag.y);
    viewport.setAttribute("transform", matrixString(t.multiply(drag.m)));
  }
  function onUp() {
    drag = null;
    svg.style.cursor = "default";
  }
  function onDoubleClick() {
    if (initial !== null) { viewport.setAttribute("transform", initial); }
  }
  function init() {
    viewport = document.getElementById("viewport");
    if (viewport === null || viewport.getCTM === undefined) { return; }
    initial = viewport.getAttribute("transform");
    svg.addEventListener("wheel", onWheel, { passive: false });
    svg.addEventListener("mousedown", onDown, false);
    svg.addEventListener("mousemove", onMove, false);
    svg.addEventListener("mouseup", onUp, false);
    svg.addEventListener("mouseleave", onUp, false);
    svg.addEventListener("dblclick", onDoubleClick, false);
  }
  if (document.readyState === "complete") { init(); } else { window.addEventListener("load", init, false); }
})();

"""
