namespace Commerce.Domain.Common;

/// <summary>
/// One broken rule of the domain, in the domain's terms: what (<see cref="Code"/>, one of <see cref="FailureCodes"/>),
/// where (<see cref="Member"/> and <see cref="IsRelationship"/>), why (<see cref="Detail"/>, fit to show, never a secret
/// such as a payment token) and with which facts (<see cref="Meta"/>). The one failure shape of <c>Commerce.Domain</c>:
/// every <see cref="DomainException"/> carries a list of them.
/// <para>
/// <b>Member names</b> are the names the domain's fields have on the wire: snake_case, exactly as the resource's
/// attribute or relationship is named (<c>customer_email</c>, <c>line_items</c>, <c>payment_source</c>), so that the
/// host needs no translation table. <see cref="IsRelationship"/> tells an attribute from a relationship (a reference to
/// another aggregate or entity). A null member means the resource as a whole is at fault (an address that may no longer
/// change). The domain never builds a JSON pointer nor picks an HTTP status: the host's exception mapper turns a member
/// into <c>/data/attributes/{member}</c>, <c>/data/relationships/{member}</c> or <c>/data</c>, and the code into a status.
/// </para>
/// </summary>
/// <param name="Meta">Extra facts a client may act on (e.g. for <see cref="FailureCodes.OutOfStock"/> <c>sku_code</c> and <c>available</c>).</param>
public sealed record DomainFailure(string Code, string? Member, bool IsRelationship, string Detail, IReadOnlyDictionary<string, object?>? Meta = null)
{
    /// <summary>A failure at an attribute (<see cref="FailureCodes.ValidationError"/> unless told).</summary>
    public static DomainFailure AtAttribute(string member, string detail, string code = FailureCodes.ValidationError) =>
        new(code, member, false, detail);

    /// <summary>A failure at a relationship (<see cref="FailureCodes.ValidationError"/> unless told).</summary>
    public static DomainFailure AtRelationship(string member, string detail, string code = FailureCodes.ValidationError) =>
        new(code, member, true, detail);

    /// <summary>A failure of the resource as a whole, at no member (<see cref="FailureCodes.ValidationError"/> unless told).</summary>
    public static DomainFailure OfResource(string detail, string code = FailureCodes.ValidationError) =>
        new(code, null, false, detail);
}
