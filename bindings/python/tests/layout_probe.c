/* Prints the sizes, field offsets and constants of the public headers, so
 * the Python tests can check that the ctypes declarations match the C ABI
 * the library was built with. One "name value" pair per line. */
#include <perfmgmt.h>

#include <stddef.h>
#include <stdio.h>

#define SIZE(type) printf("sizeof %s %zu\n", #type, sizeof(type))
#define OFFSET(type, field) printf("offsetof %s.%s %zu\n", #type, #field, offsetof(type, field))
#define CONST(name) printf("const %s %lld\n", #name, (long long)(name))
/* An enum member as "enum PythonClass.MEMBER value", for the Python enums. */
#define ENUM(cls, member, name) printf("enum %s.%s %lld\n", #cls, #member, (long long)(name))

int main(void)
{
    SIZE(pm_db_opts);
    OFFSET(pm_db_opts, version);
    OFFSET(pm_db_opts, flags);
    OFFSET(pm_db_opts, secret);
    OFFSET(pm_db_opts, secret_len);

    SIZE(pm_person_opts);
    OFFSET(pm_person_opts, version);
    OFFSET(pm_person_opts, external_id);
    OFFSET(pm_person_opts, external_id_len);
    OFFSET(pm_person_opts, display_name);
    OFFSET(pm_person_opts, display_name_len);
    OFFSET(pm_person_opts, email);
    OFFSET(pm_person_opts, email_len);
    OFFSET(pm_person_opts, hr_admin);
    OFFSET(pm_person_opts, unit);
    OFFSET(pm_person_opts, manager);
    OFFSET(pm_person_opts, start);

    SIZE(pm_unit_opts);
    OFFSET(pm_unit_opts, version);
    OFFSET(pm_unit_opts, name);
    OFFSET(pm_unit_opts, name_len);
    OFFSET(pm_unit_opts, parent);

    SIZE(pm_import_opts);
    OFFSET(pm_import_opts, version);
    OFFSET(pm_import_opts, date);
    OFFSET(pm_import_opts, flags);

    SIZE(pm_import_stats);
    OFFSET(pm_import_stats, version);
    OFFSET(pm_import_stats, rows);
    OFFSET(pm_import_stats, people_created);
    OFFSET(pm_import_stats, people_updated);
    OFFSET(pm_import_stats, people_left);
    OFFSET(pm_import_stats, units_created);

    SIZE(pm_goal_opts);
    OFFSET(pm_goal_opts, version);
    OFFSET(pm_goal_opts, owner);
    OFFSET(pm_goal_opts, unit);
    OFFSET(pm_goal_opts, title);
    OFFSET(pm_goal_opts, title_len);
    OFFSET(pm_goal_opts, description);
    OFFSET(pm_goal_opts, description_len);
    OFFSET(pm_goal_opts, kind);
    OFFSET(pm_goal_opts, start);
    OFFSET(pm_goal_opts, due);
    OFFSET(pm_goal_opts, weight);
    OFFSET(pm_goal_opts, visibility);
    OFFSET(pm_goal_opts, parent);
    OFFSET(pm_goal_opts, source_checkin);
    OFFSET(pm_goal_opts, source_feedback);

    SIZE(pm_key_result_opts);
    OFFSET(pm_key_result_opts, version);
    OFFSET(pm_key_result_opts, title);
    OFFSET(pm_key_result_opts, title_len);
    OFFSET(pm_key_result_opts, kind);
    OFFSET(pm_key_result_opts, baseline);
    OFFSET(pm_key_result_opts, target);
    OFFSET(pm_key_result_opts, unit);
    OFFSET(pm_key_result_opts, unit_len);
    OFFSET(pm_key_result_opts, weight);
    OFFSET(pm_key_result_opts, has_commit);
    OFFSET(pm_key_result_opts, commit);
    OFFSET(pm_key_result_opts, has_stretch);
    OFFSET(pm_key_result_opts, stretch);

    SIZE(pm_progress_opts);
    OFFSET(pm_progress_opts, version);
    OFFSET(pm_progress_opts, value);
    OFFSET(pm_progress_opts, confidence);
    OFFSET(pm_progress_opts, comment);
    OFFSET(pm_progress_opts, comment_len);

    SIZE(pm_health_opts);
    OFFSET(pm_health_opts, version);
    OFFSET(pm_health_opts, on_track);
    OFFSET(pm_health_opts, at_risk);
    OFFSET(pm_health_opts, stale_days);

    SIZE(pm_goal_status);
    OFFSET(pm_goal_status, version);
    OFFSET(pm_goal_status, progress);
    OFFSET(pm_goal_status, expected);
    OFFSET(pm_goal_status, health);
    OFFSET(pm_goal_status, stale);
    OFFSET(pm_goal_status, overdue);
    OFFSET(pm_goal_status, last_update);

    SIZE(pm_checkin_series_opts);
    OFFSET(pm_checkin_series_opts, version);
    OFFSET(pm_checkin_series_opts, manager);
    OFFSET(pm_checkin_series_opts, report);
    OFFSET(pm_checkin_series_opts, cadence);
    OFFSET(pm_checkin_series_opts, interval);
    OFFSET(pm_checkin_series_opts, day);
    OFFSET(pm_checkin_series_opts, start);

    SIZE(pm_checkin_entry_opts);
    OFFSET(pm_checkin_entry_opts, version);
    OFFSET(pm_checkin_entry_opts, kind);
    OFFSET(pm_checkin_entry_opts, text);
    OFFSET(pm_checkin_entry_opts, text_len);
    OFFSET(pm_checkin_entry_opts, is_private);
    OFFSET(pm_checkin_entry_opts, owner);
    OFFSET(pm_checkin_entry_opts, due);
    OFFSET(pm_checkin_entry_opts, goal);

    SIZE(pm_checkin_rate);
    OFFSET(pm_checkin_rate, version);
    OFFSET(pm_checkin_rate, due);
    OFFSET(pm_checkin_rate, held);
    OFFSET(pm_checkin_rate, rate);

    SIZE(pm_feedback_opts);
    OFFSET(pm_feedback_opts, version);
    OFFSET(pm_feedback_opts, receiver);
    OFFSET(pm_feedback_opts, kind);
    OFFSET(pm_feedback_opts, text);
    OFFSET(pm_feedback_opts, text_len);
    OFFSET(pm_feedback_opts, situation);
    OFFSET(pm_feedback_opts, situation_len);
    OFFSET(pm_feedback_opts, behaviour);
    OFFSET(pm_feedback_opts, behaviour_len);
    OFFSET(pm_feedback_opts, impact);
    OFFSET(pm_feedback_opts, impact_len);
    OFFSET(pm_feedback_opts, visibility);
    OFFSET(pm_feedback_opts, anonymous);
    OFFSET(pm_feedback_opts, direction);
    OFFSET(pm_feedback_opts, goal);
    OFFSET(pm_feedback_opts, competency);
    OFFSET(pm_feedback_opts, checkin);
    OFFSET(pm_feedback_opts, at);

    SIZE(pm_feedback_request_opts);
    OFFSET(pm_feedback_request_opts, version);
    OFFSET(pm_feedback_request_opts, subject);
    OFFSET(pm_feedback_request_opts, topic);
    OFFSET(pm_feedback_request_opts, topic_len);
    OFFSET(pm_feedback_request_opts, goal);
    OFFSET(pm_feedback_request_opts, addressees);
    OFFSET(pm_feedback_request_opts, naddressees);
    OFFSET(pm_feedback_request_opts, due);
    OFFSET(pm_feedback_request_opts, expires_days);
    OFFSET(pm_feedback_request_opts, repeat_days);

    SIZE(pm_feedback_stats_opts);
    OFFSET(pm_feedback_stats_opts, version);
    OFFSET(pm_feedback_stats_opts, from);
    OFFSET(pm_feedback_stats_opts, to);
    OFFSET(pm_feedback_stats_opts, quiet_days);
    OFFSET(pm_feedback_stats_opts, min_group);

    SIZE(pm_feedback_stats);
    OFFSET(pm_feedback_stats, version);
    OFFSET(pm_feedback_stats, suppressed);
    OFFSET(pm_feedback_stats, people);
    OFFSET(pm_feedback_stats, given);
    OFFSET(pm_feedback_stats, received);
    OFFSET(pm_feedback_stats, anonymous_received);
    OFFSET(pm_feedback_stats, given_by_direction);
    OFFSET(pm_feedback_stats, received_by_direction);
    OFFSET(pm_feedback_stats, given_by_kind);
    OFFSET(pm_feedback_stats, received_by_kind);
    OFFSET(pm_feedback_stats, without_feedback);
    OFFSET(pm_feedback_stats, share_without_feedback);
    OFFSET(pm_feedback_stats, requests_addressed);
    OFFSET(pm_feedback_stats, requests_answered);
    OFFSET(pm_feedback_stats, requests_declined);
    OFFSET(pm_feedback_stats, requests_expired);
    OFFSET(pm_feedback_stats, response_rate);
    OFFSET(pm_feedback_stats, median_response_hours);

    SIZE(pm_review360_opts);
    OFFSET(pm_review360_opts, version);
    OFFSET(pm_review360_opts, subject);
    OFFSET(pm_review360_opts, title);
    OFFSET(pm_review360_opts, title_len);
    OFFSET(pm_review360_opts, opens);
    OFFSET(pm_review360_opts, closes);
    OFFSET(pm_review360_opts, threshold);

    SIZE(pm_review360_answer);
    OFFSET(pm_review360_answer, question);
    OFFSET(pm_review360_answer, rating);
    OFFSET(pm_review360_answer, text);
    OFFSET(pm_review360_answer, text_len);

    SIZE(pm_id);
    SIZE(pm_date);
    SIZE(pm_time);
    SIZE(pm_status);
    SIZE(pm_person_status);
    SIZE(pm_goal_kind);
    SIZE(pm_goal_state);
    SIZE(pm_visibility);
    SIZE(pm_health);
    SIZE(pm_key_result_kind);
    SIZE(pm_zone);
    SIZE(pm_cadence);
    SIZE(pm_series_state);
    SIZE(pm_checkin_state);
    SIZE(pm_entry_kind);
    SIZE(pm_feedback_kind);
    SIZE(pm_direction);
    SIZE(pm_feedback_visibility);
    SIZE(pm_reaction);
    SIZE(pm_request_state);
    SIZE(pm_request_role);
    SIZE(pm_review360_state);
    SIZE(pm_rater_group);

    CONST(PM_DATE_NONE);
    CONST(PM_DATE_BUFSIZE);
    CONST(PM_TIME_BUFSIZE);
    CONST(PM_DB_OPTS_VERSION);
    CONST(PM_DB_READONLY);
    CONST(PM_DB_NOCREATE);
    CONST(PM_DB_SECRET_MIN);
    CONST(PM_PERSON_OPTS_VERSION);
    CONST(PM_PERSON_INCLUDE_LEFT);
    CONST(PM_UNIT_OPTS_VERSION);
    CONST(PM_UNIT_MEMBERS_DEEP);
    CONST(PM_ORG_REPORTS_INDIRECT);
    CONST(PM_IMPORT_OPTS_VERSION);
    CONST(PM_IMPORT_MARK_MISSING_LEFT);
    CONST(PM_IMPORT_STATS_VERSION);
    CONST(PM_GOAL_TITLE_MAX);
    CONST(PM_GOAL_TEXT_MAX);
    CONST(PM_KEY_RESULT_UNIT_MAX);
    CONST(PM_GOAL_OPTS_VERSION);
    CONST(PM_GOAL_FIELD_TITLE);
    CONST(PM_GOAL_FIELD_DESCRIPTION);
    CONST(PM_GOAL_FIELD_PERIOD);
    CONST(PM_GOAL_FIELD_WEIGHT);
    CONST(PM_GOAL_FIELD_VISIBILITY);
    CONST(PM_GOAL_FIELD_PARENT);
    CONST(PM_GOAL_FIELD_KIND);
    CONST(PM_KEY_RESULT_OPTS_VERSION);
    CONST(PM_PROGRESS_OPTS_VERSION);
    CONST(PM_CONFIDENCE_NONE);
    CONST(PM_HEALTH_OPTS_VERSION);
    CONST(PM_GOAL_STATUS_VERSION);
    CONST(PM_GOAL_INCLUDE_CLOSED);
    CONST(PM_CHECKIN_SERIES_OPTS_VERSION);
    CONST(PM_CHECKIN_SERIES_OVERDUE);
    CONST(PM_MOOD_NONE);
    CONST(PM_ENTRY_TEXT_MAX);
    CONST(PM_CHECKIN_ENTRY_OPTS_VERSION);
    CONST(PM_CHECKIN_RATE_VERSION);
    CONST(PM_DIRECTION_SLOTS);
    CONST(PM_FEEDBACK_KIND_SLOTS);
    CONST(PM_FEEDBACK_TEXT_MAX);
    CONST(PM_FEEDBACK_PART_MAX);
    CONST(PM_FEEDBACK_OPTS_VERSION);
    CONST(PM_REQUEST_ADDRESSEES_MAX);
    CONST(PM_REQUEST_TOPIC_MAX);
    CONST(PM_REQUEST_EXPIRY_DEFAULT);
    CONST(PM_FEEDBACK_REQUEST_OPTS_VERSION);
    CONST(PM_REQUEST_OPEN);
    CONST(PM_REQUEST_ANSWERED);
    CONST(PM_REQUEST_EXPIRED_ONLY);
    CONST(PM_REQUEST_ALL);
    CONST(PM_FEEDBACK_STATS_OPTS_VERSION);
    CONST(PM_FEEDBACK_STATS_VERSION);
    CONST(PM_REVIEW360_THRESHOLD_DEFAULT);
    CONST(PM_REVIEW360_TEXT_MAX);
    CONST(PM_REVIEW360_ANSWER_MAX);
    CONST(PM_REVIEW360_OPTS_VERSION);
    CONST(PM_REVIEW360_AS_RATER);

    ENUM(GoalKind, PERFORMANCE, PM_GOAL_PERFORMANCE);
    ENUM(GoalKind, DEVELOPMENT, PM_GOAL_DEVELOPMENT);
    ENUM(GoalKind, CORRECTIVE, PM_GOAL_CORRECTIVE);
    ENUM(GoalState, DRAFT, PM_GOAL_DRAFT);
    ENUM(GoalState, ACTIVE, PM_GOAL_ACTIVE);
    ENUM(GoalState, COMPLETED, PM_GOAL_COMPLETED);
    ENUM(GoalState, CANCELLED, PM_GOAL_CANCELLED);
    ENUM(GoalState, ARCHIVED, PM_GOAL_ARCHIVED);
    ENUM(Visibility, PRIVATE, PM_VISIBILITY_PRIVATE);
    ENUM(Visibility, UNIT, PM_VISIBILITY_UNIT);
    ENUM(Visibility, PUBLIC, PM_VISIBILITY_PUBLIC);
    ENUM(Health, NONE, PM_HEALTH_NONE);
    ENUM(Health, ON_TRACK, PM_HEALTH_ON_TRACK);
    ENUM(Health, AT_RISK, PM_HEALTH_AT_RISK);
    ENUM(Health, OFF_TRACK, PM_HEALTH_OFF_TRACK);
    ENUM(KeyResultKind, NUMERIC, PM_KEY_RESULT_NUMERIC);
    ENUM(KeyResultKind, MILESTONE, PM_KEY_RESULT_MILESTONE);
    ENUM(Zone, NONE, PM_ZONE_NONE);
    ENUM(Zone, FAIL, PM_ZONE_FAIL);
    ENUM(Zone, COMMIT, PM_ZONE_COMMIT);
    ENUM(Zone, TARGET, PM_ZONE_TARGET);
    ENUM(Zone, STRETCH, PM_ZONE_STRETCH);
    ENUM(Cadence, WEEKLY, PM_CADENCE_WEEKLY);
    ENUM(Cadence, MONTHLY, PM_CADENCE_MONTHLY);
    ENUM(SeriesState, ACTIVE, PM_SERIES_ACTIVE);
    ENUM(SeriesState, PAUSED, PM_SERIES_PAUSED);
    ENUM(SeriesState, ENDED, PM_SERIES_ENDED);
    ENUM(CheckinState, SCHEDULED, PM_CHECKIN_SCHEDULED);
    ENUM(CheckinState, HELD, PM_CHECKIN_HELD);
    ENUM(CheckinState, CANCELLED, PM_CHECKIN_CANCELLED);
    ENUM(CheckinState, MISSED, PM_CHECKIN_MISSED);
    ENUM(EntryKind, TALKING_POINT, PM_ENTRY_TALKING_POINT);
    ENUM(EntryKind, NOTE, PM_ENTRY_NOTE);
    ENUM(EntryKind, ACTION_ITEM, PM_ENTRY_ACTION_ITEM);
    ENUM(EntryKind, GOAL, PM_ENTRY_GOAL);
    ENUM(FeedbackKind, PRAISE, PM_FEEDBACK_PRAISE);
    ENUM(FeedbackKind, CONSTRUCTIVE, PM_FEEDBACK_CONSTRUCTIVE);
    ENUM(FeedbackKind, SUGGESTION, PM_FEEDBACK_SUGGESTION);
    ENUM(Direction, DOWNWARD, PM_DIRECTION_DOWNWARD);
    ENUM(Direction, UPWARD, PM_DIRECTION_UPWARD);
    ENUM(Direction, PEER, PM_DIRECTION_PEER);
    ENUM(Direction, SELF, PM_DIRECTION_SELF);
    ENUM(Direction, OTHER, PM_DIRECTION_OTHER);
    ENUM(Direction, UNDISCLOSED, PM_DIRECTION_UNDISCLOSED);
    ENUM(FeedbackVisibility, TO_RECEIVER, PM_FEEDBACK_TO_RECEIVER);
    ENUM(FeedbackVisibility, TO_MANAGERS, PM_FEEDBACK_TO_MANAGERS);
    ENUM(FeedbackVisibility, TO_ORGANISATION, PM_FEEDBACK_TO_ORGANISATION);
    ENUM(Reaction, NONE, PM_REACTION_NONE);
    ENUM(Reaction, THANKS, PM_REACTION_THANKS);
    ENUM(Reaction, HELPFUL, PM_REACTION_HELPFUL);
    ENUM(Reaction, DISCUSS, PM_REACTION_DISCUSS);
    ENUM(Reaction, DISAGREE, PM_REACTION_DISAGREE);
    ENUM(RequestState, REQUESTED, PM_REQUEST_REQUESTED);
    ENUM(RequestState, SUBMITTED, PM_REQUEST_SUBMITTED);
    ENUM(RequestState, DECLINED, PM_REQUEST_DECLINED);
    ENUM(RequestState, EXPIRED, PM_REQUEST_EXPIRED);
    ENUM(RequestRole, ASKED_BY, PM_REQUEST_ASKED_BY);
    ENUM(RequestRole, ADDRESSED_TO, PM_REQUEST_ADDRESSED_TO);
    ENUM(RequestRole, ABOUT, PM_REQUEST_ABOUT);
    ENUM(Review360State, DRAFT, PM_REVIEW360_DRAFT);
    ENUM(Review360State, OPEN, PM_REVIEW360_OPEN);
    ENUM(Review360State, CLOSED, PM_REVIEW360_CLOSED);
    ENUM(RaterGroup, SELF, PM_RATER_SELF);
    ENUM(RaterGroup, MANAGER, PM_RATER_MANAGER);
    ENUM(RaterGroup, PEER, PM_RATER_PEER);
    ENUM(RaterGroup, REPORT, PM_RATER_REPORT);

    CONST(PM_PERSON_ACTIVE);
    CONST(PM_PERSON_LEFT);
    CONST(PM_OK);
    CONST(PM_ITEROVER);

    CONST(PM_EINVAL);
    CONST(PM_ENOTFOUND);
    CONST(PM_EPERM);
    CONST(PM_ECONFLICT);
    CONST(PM_ESTORAGE);
    CONST(PM_ENOMEM);
    CONST(PM_EUTF8);
    CONST(PM_ERANGE);
    CONST(PM_EBUSY);
    CONST(PM_EVERSION);
    CONST(PM_ECYCLE);
    CONST(PM_ECORRUPT);
    CONST(PM_EREADONLY);
    CONST(PM_EMISUSE);
    CONST(PM_EUNSUPPORTED);
    CONST(PM_EIO);

    printf("const PM_VERSION_MAJOR %d\n", PM_VERSION_MAJOR);
    printf("const PM_VERSION_MINOR %d\n", PM_VERSION_MINOR);
    printf("const PM_VERSION_PATCH %d\n", PM_VERSION_PATCH);
    return 0;
}
