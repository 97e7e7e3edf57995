/**
 * @file perfmgmt/retention.h
 * @brief (being written)
 */
#ifndef PERFMGMT_RETENTION_H
#define PERFMGMT_RETENTION_H

#include "db.h"

#endif
