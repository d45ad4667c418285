namespace AutoSignIn;

public enum SignInStatus
{
    Success,
    AlreadySigned,
    Failed,
    CookieExpired,
}

/// <summary>One sign-in attempt of one site, as kept in the history.</summary>
public sealed record SignInResult(string Site, string Domain, SignInStatus Status, string Message, DateTimeOffset Time)
{
    public bool Succeeded => Status is SignInStatus.Success or SignInStatus.AlreadySigned;

    public string StatusText => Status switch
    {
        SignInStatus.Success => "签到成功",
        SignInStatus.AlreadySigned => "今日已签到",
        SignInStatus.CookieExpired => "Cookie 失效",
        _ => "签到失败",
    };
}

/// <summary>
/// Judges a NexusPHP attendance page. Sites word their answers differently, so each outcome has a few phrases;
/// an unknown page is a failure with the page title as the message, which is what a user needs to report it.
/// </summary>
public static class SignInPage
{
    private static readonly string[] SuccessPhrases = ["签到成功", "这是您的第", "签到已得", "Attendance successful", "获得了"];
    private static readonly string[] AlreadyPhrases = ["已经签到", "已签到", "今天已经签过", "already signed", "请不要重复"];
    private static readonly string[] LoginPhrases = ["login.php", "takelogin.php", "请登录", "Not logged in"];

    public static (SignInStatus Status, string Message) Judge(string html)
    {
        if (AlreadyPhrases.Any(p => html.Contains(p, StringComparison.OrdinalIgnoreCase)))
            return (SignInStatus.AlreadySigned, "今日已签到");
        if (SuccessPhrases.Any(p => html.Contains(p, StringComparison.OrdinalIgnoreCase)))
            return (SignInStatus.Success, "签到成功");
        if (LoginPhrases.Any(p => html.Contains(p, StringComparison.OrdinalIgnoreCase)))
            return (SignInStatus.CookieExpired, "站点要求重新登录，请更新 Cookie");
        var title = System.Text.RegularExpressions.Regex.Match(html, "<title>(.*?)</title>", System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        return (SignInStatus.Failed, title.Success ? $"未识别的签到页面：{title.Groups[1].Value.Trim()}" : "未识别的签到页面");
    }
}
