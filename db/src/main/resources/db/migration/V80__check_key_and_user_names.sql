-- API key names and user names follow the rule of every other name users choose: a lower-case DNS
-- label, safe in a URL path segment, a header and a log line. NOT VALID: rows stored before the rule
-- keep working (they can still be addressed by their exact name); every new or changed row is checked.
alter table api_keys add constraint api_keys_name_rule
    check (name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$') not valid;
alter table users add constraint users_username_rule
    check (username ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$') not valid;
