namespace Plugin.Sdk;

/// <summary>The result of a workflow action: success and the (possibly changed) context.</summary>
public sealed record ActionResult(bool Success, ActionContext Context, string? Message = null)
{
    /// <summary>A successful result carrying <paramref name="context"/> on.</summary>
    public static ActionResult Ok(ActionContext context, string? message = null) => new(true, context, message);
    /// <summary>A failed result; <paramref name="message"/> says why.</summary>
    public static ActionResult Fail(ActionContext context, string message) => new(false, context, message);
}
