#include "samples.h"

const char pm_sample_org_csv[] =
    BOM CSV_HEADER "\r\n"
    "E1,Åsa Öberg,asa.oberg@example.se,,Acme,no\r\n"
    "E2,Björn Ek,bjorn.ek@example.se,E1,Acme/Engineering,\n"
    "E3,\"Lindqvist, Karin\",karin.lindqvist@example.se,E1,Acme/Sales,\r\n"
    "E10,\"Anna \"\"Nan\"\" Berg\",anna.berg@example.se,E4,Acme/Engineering/Platform,\n"
    "E4,Märta Ström,marta.strom@example.se,E2,Acme/Engineering/Platform,\n"
    "E5,Jörgen " A_RING_NFD "kesson,,E2,Acme/Engineering/Platform,\n"
    "E6,Sofia Nyström,sofia.nystrom@example.se,E2,Acme/Engineering/Apps,\r\n"
    "\r\n"
    "E7,Ella Häggström,ella.h@example.se,E3,Acme/Sales,\n"
    "E8,Oskar Lundén,,E3,Acme/Sales,\n"
    "E9,Ingrid Sjöberg,ingrid.sjoberg@example.se,E1,Acme/People,yes\n"
    "E11,Per Öhman,per.ohman@example.se,E6,Acme/Engineering/Apps,0\r\n"
    "E12,Lars Ärlig,lars@example.se,E7,Acme/Sales,";
