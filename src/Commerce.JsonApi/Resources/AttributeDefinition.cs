using System.Linq.Expressions;
using System.Reflection;

namespace Commerce.JsonApi.Resources;

/// <summary>
/// One attribute of a resource. Stored attributes carry a property expression, so that filters and
/// sorts are translated to SQL; computed attributes only have a getter and can only be read.
/// </summary>
public sealed class AttributeDefinition
{
    internal AttributeDefinition(string name, Type valueType, Can capabilities, Func<object, object?> getter,
        LambdaExpression? expression, Action<object, object?>? setter, string? description)
    {
        Name = name;
        ValueType = valueType;
        Capabilities = capabilities;
        Getter = getter;
        Expression = expression;
        Setter = setter;
        Description = description;
    }

    public string Name { get; }
    public Type ValueType { get; }
    public Can Capabilities { get; }
    public LambdaExpression? Expression { get; }
    public string? Description { get; }
    internal Func<object, object?> Getter { get; }
    internal Action<object, object?>? Setter { get; }

    public bool Allows(Can capability) => (Capabilities & capability) == capability;

    public bool IsNullable => !ValueType.IsValueType || Nullable.GetUnderlyingType(ValueType) is not null;

    public object? GetValue(object resource) => Getter(resource);

    /// <summary>Sets the value through the property's setter; false when the attribute has no public setter.</summary>
    public bool TrySetValue(object resource, object? value)
    {
        if (Setter is null)
            return false;
        Setter(resource, value);
        return true;
    }

    internal static Action<object, object?>? SetterFor(MemberExpression member)
    {
        if (member.Member is not PropertyInfo property || property.SetMethod is not { IsPublic: true })
            return null;
        return (target, value) => property.SetValue(target, value);
    }
}
