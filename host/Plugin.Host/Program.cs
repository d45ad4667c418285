// Placeholder until the host runtime lands: see issue 3.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.Run();
