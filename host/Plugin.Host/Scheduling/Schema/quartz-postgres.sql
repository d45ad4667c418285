-- The tables of Quartz.NET 4.7's ADO.NET job store on PostgreSQL (table prefix qrtz_), for a clustered host
-- (Host:Database:Provider=postgres). Written for this host from the job store's table layout; ClusterSchema.cs runs it
-- at start-up under a PostgreSQL advisory lock, so hosts starting together create it once. Every statement only creates
-- what is missing: running it against an existing schema changes nothing. Quartz then validates the schema itself.
-- Times are .NET ticks (bigint), as the job store writes them; job data is System.Text.Json in bytea.
-- The optional history tables (execution_history, misfire_history, job_status) are not created: the host does not
-- turn Quartz's execution history on (its own service runs are recorded by the host).

CREATE TABLE IF NOT EXISTS qrtz_job_details (
    sched_name        text    NOT NULL,
    job_name          text    NOT NULL,
    job_group         text    NOT NULL,
    description       text,
    job_class_name    text    NOT NULL,
    is_durable        boolean NOT NULL,
    is_nonconcurrent  boolean NOT NULL,
    is_update_data    boolean NOT NULL,
    requests_recovery boolean NOT NULL,
    job_data          bytea,
    PRIMARY KEY (sched_name, job_name, job_group)
);

-- One row per trigger; the columns after misfire_orig_fire_time are the 4.x additions (execution groups, node pins,
-- retries, continuations, overlap policy, pause details, per-trigger misfire threshold).
CREATE TABLE IF NOT EXISTS qrtz_triggers (
    sched_name              text     NOT NULL,
    trigger_name            text     NOT NULL,
    trigger_group           text     NOT NULL,
    job_name                text     NOT NULL,
    job_group               text     NOT NULL,
    description             text,
    next_fire_time          bigint,
    prev_fire_time          bigint,
    priority                integer,
    trigger_state           text     NOT NULL,
    trigger_type            text     NOT NULL,
    start_time              bigint   NOT NULL,
    end_time                bigint,
    calendar_name           text,
    misfire_instr           smallint,
    misfire_orig_fire_time  bigint,
    execution_group         varchar(200),
    preferred_node          varchar(200),
    preferred_node_auto     boolean  NOT NULL DEFAULT false,
    retry_policy            varchar(250),
    retry_attempt           integer,
    continues_trigger_name  text,
    continues_trigger_group text,
    continuation_condition  integer,
    overlap_policy          integer,
    pause_reason            varchar(250),
    paused_by               varchar(200),
    paused_at               bigint,
    misfire_threshold       bigint,
    fixed_delay             boolean,
    job_data                bytea,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, job_name, job_group) REFERENCES qrtz_job_details (sched_name, job_name, job_group)
);

-- The trigger kinds' own columns, each row owned by its qrtz_triggers row.
CREATE TABLE IF NOT EXISTS qrtz_simple_triggers (
    sched_name      text   NOT NULL,
    trigger_name    text   NOT NULL,
    trigger_group   text   NOT NULL,
    repeat_count    bigint NOT NULL,
    repeat_interval bigint NOT NULL,
    times_triggered bigint NOT NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS qrtz_cron_triggers (
    sched_name      text NOT NULL,
    trigger_name    text NOT NULL,
    trigger_group   text NOT NULL,
    cron_expression text NOT NULL,
    time_zone_id    text,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS qrtz_simprop_triggers (
    sched_name    text NOT NULL,
    trigger_name  text NOT NULL,
    trigger_group text NOT NULL,
    str_prop_1    text,
    str_prop_2    text,
    str_prop_3    text,
    int_prop_1    integer,
    int_prop_2    integer,
    long_prop_1   bigint,
    long_prop_2   bigint,
    dec_prop_1    numeric,
    dec_prop_2    numeric,
    bool_prop_1   boolean,
    bool_prop_2   boolean,
    time_zone_id  text,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS qrtz_blob_triggers (
    sched_name    text NOT NULL,
    trigger_name  text NOT NULL,
    trigger_group text NOT NULL,
    blob_data     bytea,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS qrtz_calendars (
    sched_name    text  NOT NULL,
    calendar_name text  NOT NULL,
    calendar      bytea NOT NULL,
    PRIMARY KEY (sched_name, calendar_name)
);

CREATE TABLE IF NOT EXISTS qrtz_paused_trigger_grps (
    sched_name    text NOT NULL,
    trigger_group text NOT NULL,
    pause_reason  varchar(250),
    paused_by     varchar(200),
    paused_at     bigint,
    PRIMARY KEY (sched_name, trigger_group)
);

CREATE TABLE IF NOT EXISTS qrtz_paused_job_grps (
    sched_name   text NOT NULL,
    job_group    text NOT NULL,
    pause_reason varchar(250),
    paused_by    varchar(200),
    paused_at    bigint,
    PRIMARY KEY (sched_name, job_group)
);

-- A firing in progress, owned by the node (instance_name) running it: what cluster recovery replays when that node dies.
CREATE TABLE IF NOT EXISTS qrtz_fired_triggers (
    sched_name               text    NOT NULL,
    entry_id                 text    NOT NULL,
    trigger_name             text    NOT NULL,
    trigger_group            text    NOT NULL,
    instance_name            text    NOT NULL,
    fired_time               bigint  NOT NULL,
    sched_time               bigint  NOT NULL,
    priority                 integer NOT NULL,
    state                    text    NOT NULL,
    job_name                 text,
    job_group                text,
    is_nonconcurrent         boolean NOT NULL,
    requests_recovery        boolean,
    execution_group          varchar(200),
    progress                 integer,
    progress_message         varchar(250),
    interrupt_requested_time bigint,
    PRIMARY KEY (sched_name, entry_id)
);

-- One row per node: its last check-in, which the others watch to find a dead node.
CREATE TABLE IF NOT EXISTS qrtz_scheduler_state (
    sched_name        text   NOT NULL,
    instance_name     text   NOT NULL,
    last_checkin_time bigint NOT NULL,
    checkin_interval  bigint NOT NULL,
    quartz_version    varchar(20),
    PRIMARY KEY (sched_name, instance_name)
);

-- The rows the nodes lock (SELECT ... FOR UPDATE) to take turns at the schedule.
CREATE TABLE IF NOT EXISTS qrtz_locks (
    sched_name text NOT NULL,
    lock_name  text NOT NULL,
    PRIMARY KEY (sched_name, lock_name)
);

CREATE INDEX IF NOT EXISTS idx_qrtz_j_g_n ON qrtz_job_details (sched_name, job_group, job_name);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_j ON qrtz_triggers (sched_name, job_name, job_group);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_g_n ON qrtz_triggers (sched_name, trigger_group, trigger_name);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_c ON qrtz_triggers (sched_name, calendar_name);
-- The acquisition query: waiting triggers by next fire time.
CREATE INDEX IF NOT EXISTS idx_qrtz_t_nft_st ON qrtz_triggers (sched_name, trigger_state, next_fire_time ASC, priority DESC, misfire_instr);
CREATE INDEX IF NOT EXISTS idx_qrtz_ft_inst_job_req_rcvry ON qrtz_fired_triggers (sched_name, instance_name, requests_recovery);
CREATE INDEX IF NOT EXISTS idx_qrtz_ft_j_g ON qrtz_fired_triggers (sched_name, job_name, job_group);
CREATE INDEX IF NOT EXISTS idx_qrtz_ft_t_g ON qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
