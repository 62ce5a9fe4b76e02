BBBBBBB BBBBBBBBBBBBBBBBBBBBBB
 #

BBBB BBBBBBB
BBBB BBBB
BBBBB BBBBBBBBBB
     gettext(u'Two-factor authentication') 
BBBBBBBB BBBBBBBBBB
BBBBB BBBBBBB
    BBBBBBB BB BBBBBBBBBBBBBBBB
         gettext(u'Two-factor authentication') 
    BBBBBBBBBB
    BB BBBBBB BB BBBBBBBBBBBBBBBBBBB
        BBBBBBB BBBBB
            BBBB BBBBB
                 gettext(u'Authenticator app') 
            BBBBBBB
            BBBB BBBB
                BB BBBBBBBBBBBBBBBBBBB
                    BBBBBBB B
                         gettext(u'Authentication using an authenticator app is active.') 
                    BBBBBBBBBB
                BBBB
                    BBBBBBB B
                         gettext(u'An authenticator app is not active.') 
                    BBBBBBBBBB
                BBBBB
            BBBBBBB
            BBBB BBBBBBB
                BBB BBBBBBBBBBBBBBBBBBBBB BB BBBBBBBBBBBBBB
                BBB BBBBBBBBBBBBBBBBBBB BB BBBBBBBBBBBB
                BB BBBBBBBBBBBBBBBBBBB
                    BBBBBBB BBBBBB BBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBB
                         gettext(u'Deactivate') 
                    BBBBBBBBBB
                BBBB
                    BBBBBBB BBBBBB BBBBBBBBBBBBBBBBB BBBBBBBBBBBB
                         gettext(u'Activate') 
                    BBBBBBBBBB
                BBBBB
            BBBBBBB
        BBBBBBBBBB
    BBBBB
    BB BBBBBBBBBB BB BBBBBBBBBBBBBBBBBBB
        BBBBBBB BBBBB
            BBBB BBBBB
                 gettext(u'Security keys') 
            BBBBBBB
            BBBB BBBB
                BB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
                    BBBBBBB B
                         ngettext(u'You have added %(count)s security key.', u'You have added %(count)s security keys.', count) SSS SSSS SSSSS SSSSSSSSS SSSSSSSS SSSSPPP PPPP PPPPP PPPPPPPPP PPPPPPPP PPPPP
                    BBBBBBBBBB
                BBBB
                    BBBBBBB B
                         gettext(u'No security keys have been added.') 
                    BBBBBBBBBB
                BBBBB
            BBBBBBB
            BBBB BBBBBBB
                BB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
                    BBB BBBBBBBBBBBBBBBBBBB BB BBBBBBBBBBBBBBBBB
                    BBBBBBB BBBBBB BBBBBBBBBBBBBBBBBBBBBB
                         gettext(u'Manage') 
                    BBBBBBBBBB
                BBBB
                    BBB BBBBBBBBBBBBBBBBBB BB BBBBBBBBBBBBBBBB
                    BBBBBBB BBBBBB BBBBBBBBBBBBBBBBBBBBB
                         gettext(u'Add') 
                    BBBBBBBBBB
                BBBBB
            BBBBBBB
        BBBBBBBBBB
    BBBBB
    BB BBBBBBBBBBBBBBBB BB BBBBBBBBBBBBBBBBBBB
        BBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
            BBBBBBB BBBBB
                BBBB BBBBB
                     gettext(u'Recovery codes') 
                BBBBBBB
                BBBB BBBB
                    BB BBBBBBBBBBBBBBBBBBBBBBBBBBBBB
                        BBBBBBB B
                             ngettext(u'There is %(unused_count)s out of %(total_count)s recovery codes available.', u'There are %(unused_count)s out of %(total_count)s recovery codes available.', count) SSSSS SS SSSSSSSSSSSSSSSS SSS SS SSSSSSSSSSSSSSS SSSSSSSS SSSSS SSSSSSSSSSPPPPP PPP PPPPPPPPPPPPPPPP PPP PP PPPPPPPPPPPPPPP PPPPPPPP PPPPP PPPPPPPPPP
                        BBBBBBBBBB
                    BBBB
                        BBBBBBB B
                             gettext(u'No recovery codes set up.') 
                        BBBBBBBBBB
                    BBBBB
                BBBBBBB
                BB BBBBBBBBBBBBBB
                    BB BBBBBBBBBBBBBBBBBBBBBBBBBBBBB
                        BB BBBBBBBBBBBB B B BBB BBB BBBBBBBBBBBBBBBBBBBBBBBBBBBB
                            BBBB BBBBBBB
                                BBB BBBBBBBBBBBBBBBBBBBBBBBBB BB BBBBBBBB
                                BBBBBBB BBBBBB BBBBBBBBBBBBB BBBBBBBBBBBB
                                     gettext(u'View') 
                                BBBBBBBBBB
                            BBBBBBB
                            BBBB BBBBBBB
                                BBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBB BB BBBBBBBBBBBB
                                BBBBBBB BBBBBB BBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBB
                                     gettext(u'Download') 
                                BBBBBBBBBB
                            BBBBBBB
                        BBBBB
                    BBBBB
                    BBBB BBBBBBB
                        BBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBB BB BBBBBBBBBBBB
                        BBBBBBB BBBBBB BBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBB
                             gettext(u'Generate') 
                        BBBBBBBBBB
                    BBBBBBB
                BBBBB
            BBBBBBBBBB
        BBBBBBB
    BBBBB
BBBBBBBB BBBBBBB
