/**
 * @file perfmgmt.h
 * @brief perfmgmt: an embeddable library for employee performance management
 *        and development. Include this one header for the whole stable API.
 *
 * Start with pm_db_open() and pm_session_open(); see the README and
 * examples/quickstart for a tour.
 */
#ifndef PERFMGMT_H
#define PERFMGMT_H

#include "perfmgmt/version.h"
#include "perfmgmt/common.h"
#include "perfmgmt/datetime.h"
#include "perfmgmt/db.h"
#include "perfmgmt/person.h"
#include "perfmgmt/org.h"
#include "perfmgmt/import.h"
#include "perfmgmt/goal.h"
#include "perfmgmt/checkin.h"
#include "perfmgmt/feedback.h"
#include "perfmgmt/review360.h"
#include "perfmgmt/competency.h"
#include "perfmgmt/development.h"
#include "perfmgmt/wellbeing.h"
#include "perfmgmt/evaluation.h"
#include "perfmgmt/audit.h"
#include "perfmgmt/retention.h"
#include "perfmgmt/export.h"
#include "perfmgmt/erasure.h"

#endif
