namespace Moderation.Storage;

public enum StorageProvider
{
    Sqlite,
    Mongo,
}
