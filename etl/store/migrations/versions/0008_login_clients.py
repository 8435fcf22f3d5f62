"""login_client: failed logins per client, shared by every app server

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'login_client',
        sa.Column('client', sa.String(length=200), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('first_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('client', name=op.f('pk_login_client')),
    )
    op.create_index('ix_login_client_first_at', 'login_client', ['first_at'])


def downgrade() -> None:
    op.drop_index('ix_login_client_first_at', table_name='login_client')
    op.drop_table('login_client')
