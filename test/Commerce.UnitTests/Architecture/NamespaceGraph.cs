using System.Text;
using System.Text.RegularExpressions;

namespace Commerce.UnitTests.Architecture;

/// <summary>
/// Which namespaces of one project use which others, read from its C# sources: <c>using</c> directives, names qualified
/// fully (<c>Commerce.Api.Outbox.OutboxEvent</c>) or from an enclosing namespace (<c>Webhooks.Webhook</c> inside
/// <c>Commerce.Api.Hosting</c>), and unqualified uses of what an enclosing namespace declares (C# looks outward). A use
/// counts when the name after the qualifier is a type or extension method the target namespace declares. Comments and
/// string literals are ignored. Good enough to guard the import structure, not a compiler.
/// </summary>
internal sealed partial class NamespaceGraph
{
    private readonly Dictionary<string, SortedSet<string>> _edges;

    private NamespaceGraph(Dictionary<string, SortedSet<string>> edges) => _edges = edges;

    public IReadOnlyDictionary<string, SortedSet<string>> Edges => _edges;

    /// <summary>The graph of the <c>.cs</c> files under a project's directory (bin and obj left out).</summary>
    public static NamespaceGraph ScanProject(string projectDirectory, string rootNamespace) =>
        Scan(Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            .Select(File.ReadAllText), rootNamespace);

    public static NamespaceGraph Scan(IEnumerable<string> sources, string rootNamespace)
    {
        var files = new List<(string Namespace, string Code)>();
        var declared = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var code = WithoutCommentsAndStrings(source);
            var match = NamespaceDeclaration().Match(code);
            if (!match.Success)
                continue;
            var ns = match.Groups[1].Value;
            if (ns != rootNamespace && !ns.StartsWith(rootNamespace + ".", StringComparison.Ordinal))
                continue;
            files.Add((ns, code));
            if (!declared.TryGetValue(ns, out var names))
                declared[ns] = names = new HashSet<string>(StringComparer.Ordinal);
            names.UnionWith(TypeDeclaration().Matches(code).Select(m => m.Groups[1].Value));
            names.UnionWith(ExtensionMethodDeclaration().Matches(code).Select(m => m.Groups[1].Value));
        }

        var edges = declared.Keys.ToDictionary(ns => ns, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (ns, code) in files)
        {
            var uses = edges[ns];
            foreach (Match directive in UsingDirective().Matches(code))
            {
                var target = directive.Groups[1].Value;
                var parent = target.Contains('.', StringComparison.Ordinal) ? target[..target.LastIndexOf('.')] : "";
                if (declared.ContainsKey(target))
                    uses.Add(target);
                else if (declared.ContainsKey(parent))
                    uses.Add(parent); // using static, or an alias of a type
            }

            var body = UsingDirective().Replace(code, "");
            var enclosing = Enclosing(ns).ToList();
            foreach (Match qualified in QualifiedName().Matches(body))
            {
                var qualifier = qualified.Groups[1].Value.TrimEnd('.');
                var name = qualified.Groups[2].Value;
                foreach (var prefix in enclosing.Select(e => e + ".").Prepend(""))
                {
                    if (declared.TryGetValue(prefix + qualifier, out var names) && names.Contains(name))
                    {
                        uses.Add(prefix + qualifier);
                        break;
                    }
                }
            }

            foreach (var outer in enclosing.Skip(1))
            {
                if (declared.TryGetValue(outer, out var names) && names.Any(n => Regex.IsMatch(body, $@"\b{n}\b")))
                    uses.Add(outer);
            }
            uses.Remove(ns);
        }
        return new NamespaceGraph(edges);
    }

    /// <summary>The strongly connected components of more than one namespace: each is an import cycle.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        // Tarjan's algorithm.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var components = new List<IReadOnlyList<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in _edges[v])
            {
                if (index.TryGetValue(w, out var visited))
                {
                    if (onStack.Contains(w))
                        low[v] = Math.Min(low[v], visited);
                }
                else
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
            }
            if (low[v] != index[v])
                return;
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            } while (member != v);
            if (component.Count > 1)
                components.Add([.. component.Order(StringComparer.Ordinal)]);
        }

        foreach (var v in _edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v))
                Visit(v);
        }
        return components;
    }

    /// <summary>Every namespace with what it uses, then the cycles: the message of a failing check.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var (ns, uses) in _edges.OrderBy(e => e.Key, StringComparer.Ordinal))
            text.Append(ns).Append(" -> ").AppendJoin(", ", uses).AppendLine();
        foreach (var cycle in Cycles())
            text.Append("cycle: ").AppendJoin(", ", cycle).AppendLine();
        return text.ToString();
    }

    private static IEnumerable<string> Enclosing(string ns)
    {
        for (var name = ns; name.Length > 0; name = name.Contains('.', StringComparison.Ordinal) ? name[..name.LastIndexOf('.')] : "")
            yield return name;
    }

    private static string WithoutCommentsAndStrings(string source) => StringLiteral().Replace(Comment().Replace(source, ""), "\"\"");

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"@?""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"^namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(\w+)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\bstatic\s[^(=;{}]*?\b(\w+)\s*(?:<[^>()]*>)?\s*\(\s*this\s")]
    private static partial Regex ExtensionMethodDeclaration();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"(?<![\w.])((?:\w+\.)+)(\w+)")]
    private static partial Regex QualifiedName();
}
