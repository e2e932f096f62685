-- The relay now deletes the rows it publishes in the statement that takes them (delete ... returning),
-- and commits the delete once Kafka acknowledged them; a row in the outbox is a row not yet published.
drop index outbox_message_unpublished;
alter table outbox_message drop column published_at;
