namespace Pinned.Policy.Vap;

/// <summary>
/// The variables that flatten one pod spec (of the object, or of the old object on UPDATE) into
/// what the rules read: its containers of all three kinds and the images of containers and image
/// volumes, each with its group and name so that a message can name its JSON path.
/// </summary>
internal sealed class PodCel(string prefix)
{
    /// <summary>Variables of the new object are unprefixed; those of the old one start with "old".</summary>
    public static PodCel New { get; } = new("");

    public static PodCel Old { get; } = new("old");

    public string Var(string name) => "variables." + Name(name);

    public string Name(string name) => prefix.Length == 0 ? name : prefix + char.ToUpperInvariant(name[0]) + name[1..];

    public bool IsOld => prefix.Length > 0;

    public IEnumerable<CelVariable> Variables()
    {
        var spec = Var("spec");
        yield return new(Name("spec"), IsOld
            ? $"request.operation == 'UPDATE' && oldObject != null ? ({PodSpecCel.Spec("oldObject")}) : null"
            : PodSpecCel.Spec("object"));

        // Every container with its group: containers, initContainers, ephemeralContainers, in the engine's order.
        var groups = Enum.GetValues<ContainerGroup>().Select(g => g.FieldName()).ToArray();
        var containers = string.Join(" + ", groups.Select(g =>
            $"{Cel.ListOrEmpty(spec, g)}.map(c, {{'g': '{g}', 'n': {Cel.FieldOr("c", "name", "''")}, 'c': c}})"));
        yield return new(Name("containers"), Guarded(spec, containers));

        var imageVolumes = $"{Cel.ListOrEmpty(spec, "volumes")}.filter(v, has(v.image))"
            + $".map(v, {{'g': 'volumes', 'n': {Cel.FieldOr("v", "name", "''")}, 'i': {Cel.FieldOr("v.image", "reference", "''")}}})";
        yield return new(Name("images"),
            $"{Var("containers")}.map(c, {{'g': c.g, 'n': c.n, 'i': {Cel.FieldOr("c.c", "image", "''")}}}) + {Guarded(spec, imageVolumes)}");

        var hostPaths = $"{Cel.ListOrEmpty(spec, "volumes")}.filter(v, has(v.hostPath))"
            + $".map(v, {{'n': {Cel.FieldOr("v", "name", "''")}, 'hp': {Cel.FieldOr("v.hostPath", "path", "''")}}})";
        yield return new(Name("hostVolumes"), Guarded(spec, hostPaths));
    }

    /// <summary>The JSON path of an entry's field: specPath.group[index] then <paramref name="suffix"/>; the index found by name (names are unique in a pod spec).</summary>
    public string PathOf(string group, string name, string suffix) =>
        $"variables.specPath + '.' + {group} + '[' + string({Var("spec")}[{group}].map(e, {Cel.FieldOr("e", "name", "''")}).indexOf({name})) + ']' + {suffix}";

    private static string Guarded(string spec, string expression) => $"({spec} == null ? [] : {expression})";
}
