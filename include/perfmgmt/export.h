/**
 * @file perfmgmt/export.h
 * @brief (being written)
 */
#ifndef PERFMGMT_EXPORT_H
#define PERFMGMT_EXPORT_H

#include "db.h"

#endif
