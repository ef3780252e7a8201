-- Rate-limit token buckets shared by every replica of a service (platform.limits.RateLimiter): one row per limit and
-- caller, taken from in one statement under the row's lock. Unlogged: a bucket lost in a crash is simply full again.
create unlogged table rate_limit_bucket (
    name        text             not null,
    caller      text             not null,
    tokens      double precision not null,
    refilled_at timestamptz      not null,
    primary key (name, caller)
);
