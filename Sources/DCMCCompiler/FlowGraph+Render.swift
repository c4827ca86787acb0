extension FlowGraph {
  /// A Mermaid flowchart (top to bottom): stages as subgraphs, escalations as dotted arrows,
  /// stage changes as thick arrows, resolutions as double circles.
  public func mermaid() -> String {
    func quoted(_ lines: [String]) -> String {
      "\"" + lines.map(Self.mermaidEscaped).joined(separator: "<br/>") + "\""
    }
    var output = "---\ntitle: \(Self.mermaidEscaped(title))\n---\nflowchart TD\n"
    output += "  \(start.id)([\(quoted(start.lines))])\n"
    for cluster in clusters {
      output += "  subgraph \(cluster.id)[\(quoted([cluster.label]))]\n"
      for node in cluster.nodes { output += "    \(node.id)[\(quoted(node.lines))]\n" }
      output += "  end\n"
    }
    for node in terminals { output += "  \(node.id)(((\(quoted(node.lines)))))\n" }
    for edge in edges {
      let arrow =
        switch edge.style {
        case .normal: "-->"
        case .escalation: "-.->"
        case .stageChange: "==>"
        }
      let label = edge.label.isEmpty ? "" : "|\(quoted([edge.label]))|"
      output += "  \(edge.fromCluster ?? edge.from) \(arrow)\(label) \(edge.to)\n"
    }
    return output
  }

  /// A Graphviz digraph: stages as clusters, escalations dashed, stage changes bold and
  /// leaving their cluster's border, resolutions as double octagons.
  public func dot() -> String {
    func quoted(_ text: String) -> String { "\"" + Self.dotEscaped(text) + "\"" }
    func label(_ lines: [String]) -> String {
      "\"" + lines.map(Self.dotEscaped).joined(separator: "\\n") + "\""
    }
    var output = "digraph \(quoted(title)) {\n"
    output += "  compound=true;\n  rankdir=TB;\n  fontname=\"Helvetica\";\n"
    output += "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
    output += "  edge [fontname=\"Helvetica\", fontsize=10];\n"
    output += "  \(quoted(start.id)) [label=\(label(start.lines)), shape=oval];\n"
    for cluster in clusters {
      output += "  subgraph \(quoted("cluster_" + cluster.id)) {\n"
      output += "    label=\(label([cluster.label]));\n    style=rounded;\n"
      for node in cluster.nodes {
        output += "    \(quoted(node.id)) [label=\(label(node.lines))];\n"
      }
      output += "  }\n"
    }
    for node in terminals {
      output += "  \(quoted(node.id)) [label=\(label(node.lines)), shape=doubleoctagon];\n"
    }
    for edge in edges {
      var attributes: [String] = []
      if !edge.label.isEmpty { attributes.append("label=\(label([edge.label]))") }
      switch edge.style {
      case .normal: break
      case .escalation: attributes.append("style=dashed")
      case .stageChange: attributes.append("style=bold")
      }
      if let cluster = edge.fromCluster {
        attributes.append("ltail=\(quoted("cluster_" + cluster))")
      }
      let list = attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]"
      output += "  \(quoted(edge.from)) -> \(quoted(edge.to))\(list);\n"
    }
    return output + "}\n"
  }

  /// Mermaid text inside double quotes: quotes and angle brackets as entity codes, line
  /// breaks as spaces.
  static func mermaidEscaped(_ text: String) -> String {
    escaped(text, lineBreak: " ") { scalar in
      switch scalar {
      case "\"": "#quot;"
      case "<": "#lt;"
      case ">": "#gt;"
      case "#": "#35;"
      default: nil
      }
    }
  }

  /// DOT text inside double quotes: backslashes and quotes escaped, line breaks as `\n`.
  static func dotEscaped(_ text: String) -> String {
    escaped(text, lineBreak: "\\n") { scalar in
      switch scalar {
      case "\"": "\\\""
      case "\\": "\\\\"
      default: nil
      }
    }
  }

  /// `text` with each line break (LF, CR or CRLF) as `lineBreak` and each scalar `replacement`
  /// names replaced. Matched scalar by scalar, not by `Character`: CRLF is one `Character`,
  /// unequal to LF, and so is a quote followed by a combining mark, which would stay raw.
  private static func escaped(
    _ text: String, lineBreak: String, _ replacement: (Unicode.Scalar) -> String?
  ) -> String {
    var output = ""
    var afterCR = false
    for scalar in text.unicodeScalars {
      defer { afterCR = scalar == "\r" }
      if scalar == "\n" && afterCR { continue }
      if scalar == "\n" || scalar == "\r" {
        output += lineBreak
      } else if let replaced = replacement(scalar) {
        output += replaced
      } else {
        output.unicodeScalars.append(scalar)
      }
    }
    return output
  }
}
