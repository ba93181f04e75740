# ACR Doctor walkthrough sample: an untitled copy, so change it freely.
# The repository path has upper case, which registries reject ("repository name must be lowercase").
# Put the cursor on the underlined name, press Ctrl+. (Cmd+. on macOS) and pick
# "Lowercase the repository name to "team/web-app"".
FROM contoso.azurecr.io/Team/Web-App:1.4 AS build
WORKDIR /src
COPY . .
RUN echo building

FROM mcr.microsoft.com/dotnet/aspnet:8.0
COPY --from=build /src /app
ENTRYPOINT ["dotnet", "/app/web.dll"]
