using Commerce.JsonApi.Queries;

namespace Commerce.UnitTests.JsonApi;

/// <summary>The one predicate table the parser, the builder and the API description read.</summary>
public sealed class FilterPredicatesTests
{
    [Test]
    public void Every_predicate_has_exactly_one_row_and_a_unique_name()
    {
        Assert.That(FilterPredicates.All.Select(p => p.Predicate), Is.EquivalentTo(Enum.GetValues<FilterPredicate>()));
        Assert.That(FilterPredicates.All.Select(p => p.Name), Is.Unique);
    }

    [Test]
    public void A_negated_predicate_is_tried_before_the_one_it_ends_with()
    {
        var order = FilterPredicates.LongestSuffixFirst.Select(p => p.Name).ToList();

        Assert.That(order.IndexOf("not_eq"), Is.LessThan(order.IndexOf("eq")));
        Assert.That(order.IndexOf("not_in"), Is.LessThan(order.IndexOf("in")));
        Assert.That(order.IndexOf("not_null"), Is.LessThan(order.IndexOf("null")));
    }

    [TestCase(typeof(string), "eq,not_eq,in,not_in,lt,lteq,gt,gteq,cont,start,end,null,not_null,present,blank")]
    [TestCase(typeof(bool?), "eq,not_eq,in,not_in,null,not_null,present,blank,true,false")]
    [TestCase(typeof(decimal), "eq,not_eq,in,not_in,lt,lteq,gt,gteq,null,not_null,present,blank")]
    [TestCase(typeof(DateTimeOffset?), "eq,not_eq,in,not_in,lt,lteq,gt,gteq,null,not_null,present,blank")]
    public void The_predicates_of_an_attribute_follow_its_type(Type type, string names) =>
        Assert.That(string.Join(",", FilterPredicates.For(type).Select(p => p.Name)), Is.EqualTo(names));
}
