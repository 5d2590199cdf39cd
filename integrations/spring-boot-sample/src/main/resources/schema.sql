create table if not exists job_audit (
  id bigint auto_increment primary key,
  run_id varchar(100) not null,
  job_type varchar(100) not null,
  event varchar(20) not null
);
